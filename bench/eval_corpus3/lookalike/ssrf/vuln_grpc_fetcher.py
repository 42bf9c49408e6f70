import urllib.request

import fetcher_pb2
import fetcher_pb2_grpc


class FetcherServicer(fetcher_pb2_grpc.FetcherServicer):
    def Fetch(self, request, context):
        with urllib.request.urlopen(request.url, timeout=5) as resp:
            return fetcher_pb2.FetchReply(body=resp.read(65536))
