// Re-exported through a local file so the dev server bundles it (toolchain record, pitfall 3).
import 'monaco-yaml/yaml.worker.js'
