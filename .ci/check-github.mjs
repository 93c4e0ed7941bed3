// Checks what GitHub would only find out on a push: every workflow is valid against GitHub's workflow schema, every
// action is pinned by a full commit SHA (a tag can be moved to other code), and Dependabot watches every package
// manifest the repository has (Maven, each npm package, the Dockerfile, the workflows' actions).
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const workflowsDir = join(root, '.github', 'workflows');
const validator = join(dirname(fileURLToPath(import.meta.url)), 'node_modules', '.bin', 'action-validator');
const problems = [];

const workflows = readdirSync(workflowsDir).filter((name) => /\.ya?ml$/.test(name));
if (workflows.length === 0) problems.push('.github/workflows holds no workflow');

for (const name of workflows) {
  const file = join(workflowsDir, name);
  try {
    execFileSync(validator, [file], { stdio: 'pipe' });
  } catch (failure) {
    problems.push(`${relative(root, file)} does not match GitHub's workflow schema:\n${failure.stdout}`);
  }
  const workflow = parse(readFileSync(file, 'utf8'));
  for (const [jobName, job] of Object.entries(workflow.jobs ?? {})) {
    const uses = [job.uses, ...(job.steps ?? []).map((step) => step.uses)].filter(Boolean);
    for (const action of uses) {
      if (action.startsWith('./') || action.startsWith('docker://')) continue;
      if (!/@[0-9a-f]{40}$/.test(action)) {
        problems.push(`${relative(root, file)} job ${jobName}: ${action} is not pinned by a commit SHA`);
      }
    }
  }
}

const dependabot = parse(readFileSync(join(root, '.github', 'dependabot.yml'), 'utf8'));
const watched = new Set((dependabot.updates ?? []).map((u) => `${u['package-ecosystem']} ${u.directory}`));
const expected = ['maven /', 'github-actions /'];
for (const dir of ['docker', 'helm', 'frontend', '.ci']) {
  if (existsSync(join(root, dir, 'package.json'))) expected.push(`npm /${dir}`);
}
if (existsSync(join(root, 'docker', 'Dockerfile'))) expected.push('docker /docker');
for (const entry of expected) {
  if (!watched.has(entry)) problems.push(`.github/dependabot.yml does not watch ${entry}`);
}

if (problems.length > 0) {
  console.error(problems.join('\n'));
  process.exit(1);
}
console.log(`${workflows.length} workflow(s) valid, every action pinned by SHA; Dependabot watches ${[...watched].join(', ')}`);
