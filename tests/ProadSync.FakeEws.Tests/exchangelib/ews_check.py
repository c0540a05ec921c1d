"""What the exchangelib cross-check scripts share: the install hint, plain http to the fake, the EWS
configuration, step reporting and the exit codes (0 every step worked, 1 a step failed, 3 exchangelib missing)."""
import sys

try:
    import requests.adapters
    from exchangelib import Build, Configuration, Credentials, Version, BASIC
    from exchangelib.protocol import BaseProtocol
except ImportError as e:  # pragma: no cover
    print(f"exchangelib is missing ({e}): install it with 'apt-get install -y python3-exchangelib' "
          "and run this script with /usr/bin/python3", file=sys.stderr)
    sys.exit(3)


class PlainHttpAdapter(requests.adapters.HTTPAdapter):
    """The fake listens on plain http on 127.0.0.1; requests' own adapter talks http as it is."""


BaseProtocol.HTTP_ADAPTER_CLS = PlainHttpAdapter


def configuration(endpoint, user, password):
    """Basic authentication against the fake, which answers as Exchange 2016 (15.1)."""
    return Configuration(service_endpoint=endpoint, credentials=Credentials(user, password),
                         auth_type=BASIC, version=Version(build=Build(15, 1, 2507, 6)))


def check(condition, what):
    if not condition:
        raise AssertionError(what)
    print(f"ok - {what}")


def run(main):
    """Runs main(); a failing step is printed for the test log and ends the script with exit code 1."""
    try:
        main()
    except Exception as e:
        import traceback
        traceback.print_exc()
        print(f"FAILED: {type(e).__name__}: {e}", file=sys.stderr)
        sys.exit(1)
