"""Progress: a bar with rate and ETA on a terminal, plain lines (every 10 % or 30 s) otherwise."""
import time


def _duration(seconds):
    seconds = int(round(seconds))
    if seconds >= 3600:
        return "%d:%02d:%02d" % (seconds // 3600, seconds // 60 % 60, seconds % 60)
    return "%d:%02d" % (seconds // 60, seconds % 60)


class Progress:
    def __init__(self, total, stream, tty=None, enabled=True, width=30):
        self.total = total
        self.stream = stream
        self.tty = stream.isatty() if tty is None else tty
        self.enabled = enabled
        self.width = width
        self.started = time.monotonic()
        self.done = 0
        self.last_draw = 0.0
        self.last_line_step = 0
        self.last_line_time = self.started

    def rate(self):
        elapsed = time.monotonic() - self.started
        return self.done / elapsed if elapsed > 0 else 0.0

    def eta(self):
        rate = self.rate()
        if not rate or not self.total:
            return None
        return max(self.total - self.done, 0) / rate

    def advance(self, count):
        self.done += count
        if not self.enabled:
            return
        now = time.monotonic()
        if self.tty:
            if now - self.last_draw >= 0.2 or self.done >= self.total:
                self.last_draw = now
                self._draw()
        else:
            step = int(self.done * 10 / self.total) if self.total else 0
            if step > self.last_line_step or now - self.last_line_time >= 30:
                self.last_line_step, self.last_line_time = step, now
                self._line()

    def _figures(self):
        eta = self.eta()
        return "%d/%d rows, %.0f rows/s, ETA %s" % (
            self.done, self.total, self.rate(), _duration(eta) if eta is not None else "?")

    def _draw(self):
        fraction = min(self.done / self.total, 1.0) if self.total else 1.0
        filled = int(fraction * self.width)
        bar = "#" * filled + "-" * (self.width - filled)
        self.stream.write("\r[%s] %3d%%  %s " % (bar, fraction * 100, self._figures()))
        self.stream.flush()

    def _line(self):
        fraction = self.done / self.total if self.total else 1.0
        self.stream.write("progress: %3d%%  %s\n" % (fraction * 100, self._figures()))
        self.stream.flush()

    def finish(self):
        if self.enabled and self.tty:
            self._draw()
            self.stream.write("\n")
            self.stream.flush()
