"""One usager's browser tab: a screenshot and an axe check (no serious or critical violation) per step."""

from dataclasses import dataclass, field
from pathlib import Path

from playwright.sync_api import Page

AXE = Path(__file__).parents[2] / "services/booking/web/node_modules/axe-core/axe.min.js"


@dataclass
class Visit:
    """One usager's browser tab; `check` keeps a screenshot of the step and runs axe on it."""

    page: Page
    folder: Path
    steps: list[str] = field(default_factory=list)

    def check(self, step: str) -> None:
        self.steps.append(step)
        self.page.screenshot(path=self.folder / f"{len(self.steps):02d}-{step}.png", full_page=True)
        self.page.add_script_tag(path=str(AXE))
        violations = self.page.evaluate(
            "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
            ".filter(v => v.impact === 'serious' || v.impact === 'critical')"
            ".map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.map(n => n.target.join(' '))}))"
        )
        assert violations == [], f"accessibility violations on step {step!r}: {violations}"
