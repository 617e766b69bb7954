export function startBackground(): void {
  console.info('Parley background started');
}
