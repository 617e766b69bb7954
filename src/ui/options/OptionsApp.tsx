import { BackupSection } from './BackupSection';
import { ConnectionBanner } from './ConnectionBanner';
import { DefaultsSection } from './DefaultsSection';
import { NoticeBanner } from './NoticeBanner';
import { ProvidersSection } from './ProvidersSection';
import { UsageSection } from './UsageSection';
import { VaultSection } from './VaultSection';

const SECTIONS = [
  { id: 'providers', label: 'Providers' },
  { id: 'security', label: 'Key security' },
  { id: 'defaults', label: 'Defaults' },
  { id: 'backup', label: 'Backup' },
  { id: 'usage', label: 'Usage' },
];

export function OptionsApp() {
  return (
    <div className="options-page">
      <header className="page-header">
        <div className="brand">
          <img src="/icon/48.png" alt="" width={32} height={32} />
          <div>
            <h1>Parley settings</h1>
            <p className="muted">Providers, API keys and defaults for the side panel chat.</p>
          </div>
        </div>
        <nav aria-label="Sections">
          <ul className="section-nav">
            {SECTIONS.map((section) => (
              <li key={section.id}>
                <a href={`#${section.id}`}>{section.label}</a>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <div className="page-banners">
        <ConnectionBanner />
        <NoticeBanner />
      </div>
      <main className="sections">
        <ProvidersSection />
        <VaultSection />
        <DefaultsSection />
        <BackupSection />
        <UsageSection />
      </main>
    </div>
  );
}
