import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The import rules of docs/architecture.md#import-rules, shown to fail on deliberate violations
// in a throwaway tree linted with the project's own biome.json, as `npm run lint` runs it (no
// `--only`, which would turn a rule on even where the configuration leaves it off).

const BIOME = resolve('node_modules/.bin/biome');
const RULES = ['lint/style/noRestrictedImports', 'lint/suspicious/noImportCycles'];

type Finding = { rule: string; file: string; line: number; message: string };

const FIXTURE: Record<string, string> = {
  'src/client/app/session.ts': 'export const session = 1;\n',
  'src/client/ui/form.ts': 'export const form = 1;\n',
  'src/client/features/households/public.ts': 'export const householdLabel = 1;\n',
  'src/client/features/households/labels.ts': 'export const labels = 1;\n',
  'src/client/features/households/forms/kit.ts': 'export const kit = 1;\n',
  // Rule 1: shared imports nothing from the client or the server.
  'src/shared/bad.ts':
    "import { session } from '../client/app/session';\nexport const s = session;\n",
  // Rule 2: the client never imports the server.
  'src/server/routes.ts': 'export const route = 1;\n',
  'src/client/sync/bad.ts':
    "import { route } from '../../server/routes';\nexport const r = route;\n",
  // Rule 3: a lower layer never imports app/ or features/.
  'src/client/ui/bad.ts': "import { session } from '../app/session';\nexport const u = session;\n",
  // Rule 4: another feature only through its public file; one's own files and lower layers freely.
  'src/client/features/cases/CasePage.tsx': [
    "import { form } from '../../ui/form';",
    "import { householdLabel } from '../households/public';",
    "import { labels } from '../households/labels';",
    "import { caseForm } from './forms/caseForm';",
    "import { labels as sameLabels } from '../../features/households/labels';",
    "import { householdLabel as sameLabel } from '../../features/households/public';",
    'export const page = [form, householdLabel, labels, caseForm, sameLabels, sameLabel];',
    '',
  ].join('\n'),
  'src/client/features/cases/forms/caseForm.ts': [
    "import { kit } from '../../households/forms/kit';",
    "import { householdLabel } from '../../households/public';",
    'export const caseForm = [kit, householdLabel];',
    '',
  ].join('\n'),
  // No import cycles.
  'src/client/db/a.ts': "import { b } from './b';\nexport const a = () => b;\n",
  'src/client/db/b.ts': "import { a } from './a';\nexport const b = () => a;\n",
};

let root: string;
let findings: Finding[];
let status: number | null;

function lintFixture(): { status: number | null; findings: Finding[] } {
  const run = spawnSync(BIOME, ['lint', '--reporter=github', '--max-diagnostics=none', 'src'], {
    cwd: root,
    encoding: 'utf8',
  });
  const found = [
    ...run.stdout.matchAll(/::error title=([^,]+),file=([^,]+),line=(\d+)[^:]*::(.*)/g),
  ];
  return {
    status: run.status,
    findings: found
      .map(([, rule, file, line, message]) => ({
        rule: rule as string,
        file: (file as string).slice(root.length + 1),
        line: Number(line),
        message: message as string,
      }))
      .filter((finding) => RULES.includes(finding.rule)),
  };
}

function at(file: string, line: number): Finding[] {
  return findings.filter((finding) => finding.file === file && finding.line === line);
}

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'import-rules-'));
  const config = JSON.parse(readFileSync('biome.json', 'utf8'));
  delete config.$schema;
  config.vcs = { enabled: false };
  config.files = {};
  writeFileSync(join(root, 'biome.json'), JSON.stringify(config));
  for (const [path, text] of Object.entries(FIXTURE)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  ({ status, findings } = lintFixture());
}, 60_000);

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('import rules (docs/architecture.md#import-rules)', () => {
  it('fail the check when the tree breaks them', () => {
    expect(status).not.toBe(0);
  });

  it('rule 1: src/shared importing the client is named', () => {
    expect(at('src/shared/bad.ts', 1)).toEqual([
      expect.objectContaining({ message: expect.stringContaining('Import rule 1') }),
    ]);
  });

  it('rule 2: the client importing the server is named', () => {
    expect(at('src/client/sync/bad.ts', 1)).toEqual([
      expect.objectContaining({ message: expect.stringContaining('Import rule 2') }),
    ]);
  });

  it('rule 3: a lower layer importing app/ is named', () => {
    expect(at('src/client/ui/bad.ts', 1)).toEqual([
      expect.objectContaining({ message: expect.stringContaining('Import rule 3') }),
    ]);
  });

  it("rule 4: a feature reaching into another feature's files is named, at any depth", () => {
    expect(at('src/client/features/cases/CasePage.tsx', 3)).toEqual([
      expect.objectContaining({ message: expect.stringContaining('Import rule 4') }),
    ]);
    expect(at('src/client/features/cases/forms/caseForm.ts', 1)).toEqual([
      expect.objectContaining({ message: expect.stringContaining('Import rule 4') }),
    ]);
  });

  it('rule 4 also holds for a path that climbs up to features/ and back down', () => {
    expect(at('src/client/features/cases/CasePage.tsx', 5)).toEqual([
      expect.objectContaining({ message: expect.stringContaining('Import rule 4') }),
    ]);
    expect(at('src/client/features/cases/CasePage.tsx', 6)).toEqual([]);
  });

  it("rule 4 allows another feature's public file, one's own files and lower layers", () => {
    expect(at('src/client/features/cases/CasePage.tsx', 1)).toEqual([]);
    expect(at('src/client/features/cases/CasePage.tsx', 2)).toEqual([]);
    expect(at('src/client/features/cases/CasePage.tsx', 4)).toEqual([]);
    expect(at('src/client/features/cases/forms/caseForm.ts', 2)).toEqual([]);
  });

  it('an import cycle is named', () => {
    expect(at('src/client/db/a.ts', 1)).toEqual([
      expect.objectContaining({ rule: 'lint/suspicious/noImportCycles' }),
    ]);
  });

  it('reports nothing else', () => {
    expect(findings).toHaveLength(8);
  });
});
