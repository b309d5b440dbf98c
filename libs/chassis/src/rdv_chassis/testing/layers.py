"""The house rule that `domain` stays pure, checked by scanning imports (style rule 1)."""

import ast
from pathlib import Path

FORBIDDEN_IN_DOMAIN = ("fastapi", "sqlalchemy", "faststream", "aiokafka", "asyncpg", "httpx", "rdv_chassis")


def impure_domain_imports(package_dir: Path) -> list[str]:
    problems = []
    for path in sorted((package_dir / "domain").rglob("*.py")):
        tree = ast.parse(path.read_text(), filename=str(path))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            for name in names:
                if name.split(".")[0] in FORBIDDEN_IN_DOMAIN:
                    problems.append(f"{path.relative_to(package_dir)} imports {name}")
    return problems
