"""
Functions for creating and restoring url-safe signed JSON objects.

The format used looks like this:

>>> signing.dumps("hello")
'ImhlbGxvIg:1QaUZC:YIye-ze3TTx7gtSv422nZA4sgmk'

There are two components here, separated by a ':'. The first component is a
URLsafe base64 encoded JSON of the object passed to dumps(). The second
component is a base64 encoded hmac/SHA1 hash of "$first_component:$secret"

signing.loads(s) checks the signature and returns the deserialized object.
If the signature fails, a BadSignature exception is raised.
"""

import base64
import datetime
import json
import time
import zlib

from django.conf import settings
from django.utils import baseconv
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.encoding import force_bytes
from django.utils.module_loading import import_string
from django.utils.regex_helper import _lazy_re_compile

_SEP_UNSAFE = _lazy_re_compile(r'^[A-z0-9-_=]*$')


class BadSignature(Exception):
    """Signature does not match."""
    pass


class SignatureExpired(BadSignature):
    """Signature timestamp is older than required max_age."""
    pass


def b64_encode(s):
    return base64.urlsafe_b64encode(s).strip(b'=')


def b64_decode(s):
    pad = b'=' * (-len(s) % 4)
    return base64.urlsafe_b64decode(s + pad)


def base64_hmac(salt, value, key, algorithm='sha1'):
    return b64_encode(salted_hmac(salt, value, key, algorithm=algorithm).digest()).decode()


def get_cookie_signer(salt='django.core.signing.get_cookie_signer'):
    Signer = import_string(settings.SIGNING_BACKEND)
    key = force_bytes(settings.SECRET_KEY)  # SECRET_KEY may be str or bytes.
    return Signer(b'django.http.cookies' + key, salt=salt)


class JSONSerializer:
    """
    Simple wrapper around json to be used in signing.dumps and
    signing.loads.
    """
    def dumps(self, obj):
        return json.dumps(obj, separators=(',', ':')).encode('latin-1')

    def loads(self, data):
        return json.loads(data.decode('latin-1'))


def dumps(obj, key=None, salt='django.core.signing', serializer=JSONSerializer, compress=False):
    """
    Return URL-safe, hmac signed base64 compressed JSON string. If key is
    None, use settings.SECRET_KEY instead. The hmac algorithm is the default
    Signer algorithm.
    """
    data = serializer().dumps(obj)

    if compress:
        base64d = Signer().compress_b64(data.decode('latin-1'))
    else:
        base64d = b64_encode(data).decode('latin-1')
    return TimestampSigner(key, salt=salt).sign(base64d)


def loads(s, key=None, salt='django.core.signing', serializer=JSONSerializer, max_age=None):
    """
    Reverse of dumps(), raise BadSignature if signature fails.

    The serializer is expected to accept a bytestring.
    """
    # TimestampSigner.unsign() returns str but base64 and zlib compression
    # operate on bytes.
    base64d = TimestampSigner(key, salt=salt).unsign(s, max_age=max_age)
    data = Signer().decompress_b64(base64d)
    return serializer().loads(data.encode('latin-1'))


class Signer:
    # RemovedInDjango40Warning.
    legacy_algorithm = 'sha1'

    def __init__(self, key=None, sep=':', salt=None, algorithm=None):
        self.key = key or settings.SECRET_KEY
        self.sep = sep
        if _SEP_UNSAFE.match(self.sep):
            raise ValueError(
                'Unsafe Signer separator: %r (cannot be empty or consist of '
                'only A-z0-9-_=)' % sep,
            )
        self.salt = salt or '%s.%s' % (self.__class__.__module__, self.__class__.__name__)
        # RemovedInDjango40Warning: when the deprecation ends, replace with:
        # self.algorithm = algorithm or 'sha256'
        self.algorithm = algorithm or settings.DEFAULT_HASHING_ALGORITHM

    def signature(self, value):
        return base64_hmac(self.salt + 'signer', value, self.key, algorithm=self.algorithm)

    def _legacy_signature(self, value):
        # RemovedInDjango40Warning.
        return base64_hmac(self.salt + 'signer', value, self.key, algorithm=self.legacy_algorithm)

    def sign(self, value):
        return '%s%s%s' % (value, self.sep, self.signature(value))

    def unsign(self, signed_value):
        if self.sep not in signed_value:
            raise BadSignature('No "%s" found in value' % self.sep)
        value, sig = signed_value.rsplit(self.sep, 1)
        if (
            constant_time_compare(sig, self.signature(value)) or (
                self.legacy_algorithm and
                constant_time_compare(sig, self._legacy_signature(value))
            )
        ):
            return value
        raise BadSignature('Signature "%s" does not match' % sig)

    def compress_b64(self, uncompressed):
        is_compressed = False
        encoded = uncompressed.encode('latin-1')
        compressed = zlib.compress(encoded)
        if (len(compressed) < len(uncompressed) - 1):
            encoded = compressed
            is_compressed = True
        b64_encoded = b64_encode(encoded)
        b64_encoded = b64_encoded.decode('latin-1')
        if is_compressed:
            b64_encoded = '.' + b64_encoded
        return b64_encoded

    def decompress_b64(self, compressed):
        decompress = compressed[:1] == '.'
        if decompress:
            compressed = compressed[1:]
        compressed = compressed.encode('latin-1')
        b64_decoded = b64_decode(compressed)
        if decompress:
            b64_decoded = zlib.decompress(b64_decoded)
        b64_decoded = b64_decoded.decode('latin-1')
        return b64_decoded


class TimestampSigner(Signer):

    def timestamp(self):
        return baseconv.base62.encode(int(time.time()))

    def sign(self, value):
        value = '%s%s%s' % (value, self.sep, self.timestamp())
        return super().sign(value)

    def unsign(self, value, max_age=None):
        """
        Retrieve original value and check it wasn't signed more
        than max_age seconds ago.
        """
        result = super().unsign(value)
        value, timestamp = result.rsplit(self.sep, 1)
        timestamp = baseconv.base62.decode(timestamp)
        if max_age is not None:
            if isinstance(max_age, datetime.timedelta):
                max_age = max_age.total_seconds()
            # Check timestamp is not older than max_age
            age = time.time() - timestamp
            if age > max_age:
                raise SignatureExpired(
                    'Signature age %s > %s seconds' % (age, max_age))
        return value
