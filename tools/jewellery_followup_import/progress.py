"""Progress: tqdm's bar with rate and ETA on a terminal; off a terminal (a log, a cron mail), a plain line every
10 % or 30 s, in tqdm's own figures, since a bar redrawn with carriage returns is unreadable there."""
import time

from tqdm import tqdm

LINE = "progress: {percentage:3.0f}%  {n}/{total} rows, {rate_fmt}, ETA {remaining}"


class Progress:
    def __init__(self, total, stream, tty=None, enabled=True):
        self.total = total
        self.stream = stream
        self.tty = stream.isatty() if tty is None else tty
        self.enabled = enabled
        self.done = 0
        self.started = time.monotonic()
        self.last_line_step = 0
        self.last_line_time = self.started
        self.bar = tqdm(total=total, file=stream, unit=" rows", dynamic_ncols=True, mininterval=0.2,
                        disable=not (enabled and self.tty))

    def advance(self, count):
        self.done += count
        self.bar.update(count)
        if not self.enabled or self.tty:
            return
        now = time.monotonic()
        step = int(self.done * 10 / self.total) if self.total else 0
        if step > self.last_line_step or now - self.last_line_time >= 30:
            self.last_line_step, self.last_line_time = step, now
            self.stream.write(tqdm.format_meter(self.done, self.total, now - self.started, unit=" rows",
                                                bar_format=LINE) + "\n")
            self.stream.flush()

    def finish(self):
        self.bar.close()
