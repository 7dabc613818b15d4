/**
 * The embedded samples: the demo is bundled with the app (first paint needs it); each example is
 * its own small chunk, loaded when picked. Nothing is fetched from anywhere but the app's bundle.
 */
import demoText from '../../public/samples/demo.yaml?raw'
import { EXAMPLES } from '../domain/examples/catalog.ts'

export { demoText }
export { EXAMPLES }

const loaders = import.meta.glob<string>('../../public/samples/examples/*.yaml', { query: '?raw', import: 'default' })

export async function loadSample(file: string): Promise<string> {
  if (file === 'demo.yaml') return demoText
  const loader = loaders[`../../public/samples/${file}`]
  if (!loader) throw new Error(`unknown sample ${file}`)
  return loader()
}
