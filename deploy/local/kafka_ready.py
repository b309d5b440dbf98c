"""Exit 0 once the Kafka broker at BOOTSTRAP answers a metadata request with at least one broker.

An open port is not enough: a KRaft broker accepts connections before its controller has elected
itself and registered the broker, and clients fail until then.

Usage: kafka_ready.py BOOTSTRAP [TIMEOUT_SECONDS]
"""

import asyncio
import logging
import sys

from aiokafka.admin import AIOKafkaAdminClient


async def metadata_ok(bootstrap: str) -> bool:
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap, request_timeout_ms=3000)
    try:
        await admin.start()
        cluster = await admin.describe_cluster()
        return bool(cluster.get("brokers"))
    except Exception:
        return False
    finally:
        await admin.close()


async def main(bootstrap: str, timeout: float) -> int:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while loop.time() < deadline:
        try:
            if await asyncio.wait_for(metadata_ok(bootstrap), timeout=max(deadline - loop.time(), 0.1)):
                return 0
        except TimeoutError:
            break
        await asyncio.sleep(0.5)
    print(f"kafka_ready: no metadata from {bootstrap} after {timeout:.0f}s", file=sys.stderr)
    return 1


if __name__ == "__main__":
    # Connection errors are expected while the broker boots; the exit code is the answer.
    logging.getLogger("aiokafka").setLevel(logging.CRITICAL)
    if len(sys.argv) not in (2, 3):
        sys.exit(__doc__)
    sys.exit(asyncio.run(main(sys.argv[1], float(sys.argv[2]) if len(sys.argv) == 3 else 30.0)))
