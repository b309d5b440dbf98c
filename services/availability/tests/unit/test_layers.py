from pathlib import Path

import availability
from rdv_chassis.testing.layers import impure_domain_imports


def test_domain_layer_imports_no_framework_nor_infrastructure():
    assert impure_domain_imports(Path(availability.__file__).parent) == []
