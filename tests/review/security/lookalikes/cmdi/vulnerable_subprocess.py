import subprocess
import sys


def convert(src, fmt):
    cmd = "ffmpeg -i %s output.%s" % (src, fmt)
    return subprocess.call(cmd, shell=True)


if __name__ == "__main__":
    convert(sys.argv[1], sys.argv[2])
