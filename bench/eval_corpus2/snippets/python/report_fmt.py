def average(values):
    total = 0
    for v in values:
        total += v
    return total / len(values)


def percent(part, whole):
    if whole == 0:
        return 0.0
    return 100.0 * part / whole
