import { defineConfig } from 'wxt';

// Hosts Parley may call without asking: the two hosted APIs it knows by name.
// Every other base URL (Ollama, LM Studio, a custom gateway) is requested at
// runtime from `optional_host_permissions` when the user adds that provider.
export default defineConfig({
  srcDir: 'src',
  // Test builds (see tests/e2e/lifetime) go elsewhere so they never replace the real build.
  outDir: process.env.PARLEY_OUT_DIR ?? '.output',
  imports: false,
  modules: ['@wxt-dev/module-react', '@wxt-dev/webextension-polyfill'],
  manifest: {
    name: 'Parley',
    description:
      'Chat with any LLM in the side panel: OpenAI, OpenRouter, Ollama, LM Studio or any OpenAI-compatible server.',
    minimum_chrome_version: '116',
    permissions: ['storage', 'sidePanel'],
    host_permissions: ['https://api.openai.com/*', 'https://openrouter.ai/*'],
    optional_host_permissions: ['http://*/*', 'https://*/*'],
    action: { default_title: 'Open Parley' },
    // The action opens the side panel (setPanelBehavior), so its shortcut does too.
    commands: {
      _execute_action: {
        suggested_key: { default: 'Alt+Shift+P', mac: 'Alt+Shift+P' },
        description: 'Open Parley in the side panel',
      },
    },
    side_panel: { default_path: 'sidepanel.html' },
    icons: { 16: 'icon/16.png', 32: 'icon/32.png', 48: 'icon/48.png', 128: 'icon/128.png' },
  },
});
