"""What distutils.util.strtobool did, for Pythons without distutils."""


def strtobool(value):
    value = value.lower()
    if value in ("y", "yes", "t", "true", "on", "1"):
        return 1
    if value in ("n", "no", "f", "false", "off", "0"):
        return 0
    raise ValueError("invalid truth value %r" % (value,))
