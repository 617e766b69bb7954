// `npm run mock-provider`: runs the mock provider until Ctrl-C.
import { parseCliArgs, startupBanner, USAGE } from './cli-args';
import { startMockProvider } from './server';

async function main(): Promise<void> {
  let command;
  try {
    command = parseCliArgs(process.argv.slice(2));
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    process.exit(2);
  }
  if (command.help) {
    console.info(USAGE);
    return;
  }
  const provider = await startMockProvider(command.options);
  console.info(startupBanner(provider.baseURL, command.options));
  const stop = () => {
    void provider.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

void main();
