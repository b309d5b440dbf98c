.PHONY: install run test unit lint bench asyncapi

install:
	deploy/local/install.sh

run:
	deploy/local/run.sh

test:
	deploy/local/test.sh

unit: install
	.venv/bin/pytest libs services deploy/tests -q -m "not integration" --ignore-glob='*/integration/*'

lint: install
	.venv/bin/ruff check libs services tests-e2e bench deploy/tests
	.venv/bin/mypy libs/contracts/src libs/chassis/src services/*/src

bench:
	deploy/local/bench.sh

asyncapi: install
	.venv/bin/python -m rdv_contracts.asyncapi --out docs/asyncapi
