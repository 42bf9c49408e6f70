import socket
import ssl

import typer


def main(host: str, port: int = 443) -> None:
    ctx = ssl.create_default_context()
    ctx.minimum_version = ssl.TLSVersion.TLSv1_2
    with socket.create_connection((host, port), timeout=5) as raw:
        with ctx.wrap_socket(raw, server_hostname=host) as tls:
            typer.echo(tls.version())


if __name__ == "__main__":
    typer.run(main)
