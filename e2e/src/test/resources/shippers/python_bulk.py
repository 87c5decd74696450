"""Sends logs to LogFlow with Debian's python3-elasticsearch (7.17) helpers.bulk, unchanged.

usage: python_bulk.py URL COUNT APP [PAUSE_SECONDS_PER_100] ; prints "ok <successes> <errors>".
"""
import sys
import time

from elasticsearch import Elasticsearch, helpers

url, count, app = sys.argv[1], int(sys.argv[2]), sys.argv[3]
pause = float(sys.argv[4]) if len(sys.argv) > 4 else 0.0
# the client checks GET / (X-Elastic-Product, version) before its first bulk; its transport
# retries a whole request answered 502/503/504, helpers.bulk retries items answered 429
es = Elasticsearch([url], max_retries=30, retry_on_status=(502, 503, 504), retry_on_timeout=True, timeout=30)


def actions():
    for i in range(count):
        if pause and i and i % 100 == 0:
            time.sleep(pause)
        yield {
            "_index": app,
            "_id": "%s-%d" % (app, i),
            "_source": {
                "msg": "%s log %d" % (app, i),
                "time": 1764324000000 + i,  # epoch milliseconds: 2025-11-28T10:00:00Z + i ms
                "severity": "warning",
                "app": app,
                "request": {"path": "/p/%d" % i},
            },
        }


successes, errors = helpers.bulk(es, actions(), chunk_size=100, raise_on_error=False,
                                 max_retries=30, initial_backoff=1, max_backoff=5)
print("ok", successes, len(errors))
