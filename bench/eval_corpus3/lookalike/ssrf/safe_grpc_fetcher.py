import urllib.request

import fetcher_pb2
import fetcher_pb2_grpc

MIRRORS = {
    "pypi": "https://pypi.org/simple/",
    "npm": "https://registry.npmjs.org/",
}


class FetcherServicer(fetcher_pb2_grpc.FetcherServicer):
    def Fetch(self, request, context):
        url = MIRRORS[request.mirror]
        with urllib.request.urlopen(url, timeout=5) as resp:
            return fetcher_pb2.FetchReply(body=resp.read(65536))
