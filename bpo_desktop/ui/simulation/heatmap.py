"""The simulation heat map on the canvas: each simulated step coloured by its mean waiting or by
its pool's utilisation, green (low) through amber to red (high), with the figure under it.

Waiting is scaled to the largest waiting of the run (the hottest step is red); utilisation is
absolute (100 % is red). The spots are overlay cells (`ui/canvas/overlays.py`): they never
change the model and follow the steps when the diagram is redrawn (`refresh`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QColor

from bpo_desktop.ui.canvas.overlays import HeatSpot
from bpo_desktop.ui.simulation.format import duration, number, percent

if TYPE_CHECKING:
    from bpo_desktop.ui.main_window import MainWindow

WAITING = "waiting"
UTILISATION = "utilisation"


def heat_colour(fraction: float) -> QColor:
    """Green at 0, amber at 0.5, red at 1 (hue 120° → 0°)."""
    f = min(1.0, max(0.0, fraction))
    return QColor.fromHsvF((1.0 - f) * 120.0 / 360.0, 0.85, 0.9)


def heat_values(
    kpis: Mapping[str, Any], charts: Mapping[str, Any], metric: str
) -> dict[str, tuple[float, str]]:
    """Step id → (0..1 heat, shown figure) for the run's simulated steps."""
    activities = kpis.get("activities")
    steps = (
        [a for a in activities if isinstance(a, Mapping)]
        if isinstance(activities, list | tuple)
        else []
    )
    out: dict[str, tuple[float, str]] = {}
    if metric == UTILISATION:
        utilisation = charts.get("utilisation")
        per_pool = dict(utilisation) if isinstance(utilisation, Mapping) else {}
        for step in steps:
            u = number(per_pool.get(str(step.get("pool"))))
            if u == u:  # finite pools only; unlimited ones have no utilisation
                out[str(step.get("id"))] = (u, percent(u))
        return out
    waits = {str(s.get("id")): number(s.get("waiting_s")) for s in steps}
    waits = {k: v for k, v in waits.items() if v == v}
    top = max(waits.values(), default=0.0)
    for step_id, wait in waits.items():
        out[step_id] = (wait / top if top > 0 else 0.0, duration(wait))
    return out


class HeatMap:
    """Owns the heat cells of one window; `show(run, metric)` / `hide()` / `refresh()`."""

    def __init__(self, window: MainWindow) -> None:
        self._window = window
        self.metric = WAITING
        self.values: dict[str, tuple[float, str]] = {}
        self.visible = False
        # Another plane is drawn (drilled in or out): the cells go over its steps.
        window.scene.plane_changed.connect(self.refresh)

    def set_data(self, kpis: Mapping[str, Any] | None, charts: Mapping[str, Any] | None) -> None:
        self._kpis, self._charts = kpis, charts
        self._compute()

    def set_metric(self, metric: str) -> None:
        self.metric = metric
        self._compute()

    def set_visible(self, visible: bool) -> None:
        self.visible = visible
        self.refresh()

    def _compute(self) -> None:
        kpis, charts = getattr(self, "_kpis", None), getattr(self, "_charts", None)
        self.values = heat_values(kpis, charts, self.metric) if kpis and charts is not None else {}
        self.refresh()

    def refresh(self) -> None:
        """Place the cells over the steps as currently drawn."""
        canvas = self._window.canvas
        spots: list[HeatSpot] = []
        if self.visible:
            for step_id, (heat, text) in self.values.items():
                item = self._window.scene.item_for(step_id)
                if item is not None and hasattr(item, "scene_rect"):
                    spots.append(HeatSpot(step_id, item.scene_rect(), heat_colour(heat), text))
        canvas.overlays.heat = spots
        canvas.update_overlays()
