"""Sends logs to LogFlow with Debian's python3-elasticsearch (7.17) helpers.bulk, unchanged.

usage: python_bulk.py URL COUNT ; prints "ok <successes> <errors>".
"""
import sys

from elasticsearch import Elasticsearch, helpers

url, count = sys.argv[1], int(sys.argv[2])
# the client checks GET / (X-Elastic-Product, version) before its first bulk
es = Elasticsearch([url], max_retries=10, retry_on_status=(429, 502, 503, 504), retry_on_timeout=True)
actions = (
    {
        "_index": "python-app",
        "_id": "py-%d" % i,
        "_source": {
            "msg": "python log %d" % i,
            "time": 1764324000000 + i,  # epoch milliseconds: 2025-11-28T10:00:00Z + i ms
            "severity": "warning",
            "app": "python-app",
            "request": {"path": "/p/%d" % i},
        },
    }
    for i in range(count)
)
successes, errors = helpers.bulk(es, actions, chunk_size=100, raise_on_error=False)
print("ok", successes, len(errors))
