"""BPMN 2.0 XML import and export with diagram interchange (BPMNDI).

`import_bpmn(data, source=...)` → `ImportResult`; `export_bpmn(process, workspace)` → bytes.
Layers: `reader` (bytes → `dto` records, hardened parser) → `builder` (records → model +
warnings) and `writer` (model → bytes). See README "BPMN interchange".
"""

from bpo_desktop.core.interchange.bpmn.api import ImportResult, export_bpmn, import_bpmn
from bpo_desktop.core.interchange.bpmn.errors import BpmnImportError
from bpo_desktop.core.interchange.bpmn.namespaces import BPO as BPO_NAMESPACE

__all__ = ["BPO_NAMESPACE", "BpmnImportError", "ImportResult", "export_bpmn", "import_bpmn"]
