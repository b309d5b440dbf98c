"""Waits until every service answers /health/<service>/ready through the gateway (exit 1 on timeout)."""

import sys
import time

import httpx

SERVICES = ("directory", "availability", "booking", "notifications", "calendar-sync")


def main(base_url: str, timeout: float) -> int:
    deadline = time.monotonic() + timeout
    pending = set(SERVICES)
    while pending and time.monotonic() < deadline:
        for service in sorted(pending):
            try:
                if httpx.get(f"{base_url}/health/{service}/ready", timeout=2).status_code == 200:
                    pending.discard(service)
            except httpx.HTTPError:
                pass
        time.sleep(0.5)
    if pending:
        print(f"not ready after {timeout:.0f}s: {', '.join(sorted(pending))}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], float(sys.argv[2])))
