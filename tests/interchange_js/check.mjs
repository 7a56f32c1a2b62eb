// Reads BPMN files with bpmn.io's bpmn-moddle and prints, as one JSON object, the warnings
// (and the error, if it cannot read one at all) per file. Usage: node check.mjs FILE...
import { readFile } from 'node:fs/promises';
import { BpmnModdle } from 'bpmn-moddle';

const moddle = new BpmnModdle();
const report = {};
for (const file of process.argv.slice(2)) {
  try {
    const xml = await readFile(file, 'utf8');
    const { rootElement, warnings } = await moddle.fromXML(xml);
    report[file] = {
      root: rootElement ? rootElement.$type : null,
      warnings: warnings.map((w) => w.message),
      error: null,
    };
  } catch (err) {
    report[file] = { root: null, warnings: [], error: String(err && err.message || err) };
  }
}
process.stdout.write(JSON.stringify(report));
