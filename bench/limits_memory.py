#!/usr/bin/env python3
"""Peak memory of `restage parse` and `restage migrate` on hostile inputs at
restage's limits (docs/limits.md): for each shape, a file just under the
size, line and word limits, made of the construct that costs most per byte.

    bench/limits_memory.py build/restage [--size BYTES] [--words N]

Prints a Markdown table: bytes, seconds, peak RSS and RSS / size.
"""
import argparse
import os
import re
import subprocess
import tempfile


def words(text):
    """restage's word count (src/syntax/DockerfileReader.cpp, overLimits)."""
    n = 0
    in_word = False
    for c in text:
        if c in '\n \t\r\v\f':
            in_word = False
            continue
        if c in '$;|&=,' or not in_word:
            n += 1
        in_word = True
    return n


HEAD = 'FROM golang:1.22\n'
TAIL = 'CMD ["app"]\n'


def build(size, max_words, head, unit, continued):
    """`unit` repeated up to the word limit, then long one-word lines up to the size limit."""
    budget = max_words - words(HEAD + head + TAIL) - 2 * (size // 60000) - 50  # padding words too
    body = HEAD + head + unit * (budget // words(unit))
    left = size - len(body) - len(TAIL) - 16
    while left > 100:
        k = min(60000, left - 6)
        body += (' \\\n ' if continued else '# ') + 'x' * k + ('' if continued else '\n')
        left -= k + 4
    return body + ('\n' if continued else '') + TAIL


SHAPES = [
    ('variables in one RUN', 'RUN a', ' \\\n' + ' $a' * 10, True),
    ('nested ${...} in one RUN', 'RUN a', ' \\\n' + ' ${a:-${b:-x}}' * 5, True),
    ('shell words in one RUN', 'RUN a', ' \\\n' + ' a' * 10, True),
    ('commands a;a;a in one RUN', 'RUN a', ' \\\n' + ' a;a;a;a;a', True),
    ('pipelines in one RUN', 'RUN a', ' \\\n' + ' a|b&&c', True),
    ('ENV pairs', '', 'ENV a=b c=d e=f g=h\n', False),
    ('COPY sources', '', 'COPY a b c d e f g h i /x/\n', False),
    ('short RUN lines', '', 'RUN a b\n', False),
    ('exec-form CMD lines', '', 'CMD ["a","b","c","d"]\n', False),
]


def heredoc(size, max_words):
    line = 'go build -o /app ' + 'x' * 300 + '\n'
    body = HEAD + 'RUN <<EOF\n' + line * ((max_words - 100 - size // 60000) // words(line))
    left = size - len(body) - 40
    while left > 100:
        k = min(60000, left - 2)
        body += 'x' * k + '\n'
        left -= k + 1
    return body + 'EOF\n' + TAIL


def blank_lines(size, max_lines):
    body = HEAD + '\n' * (max_lines - 10 - size // 60000)
    left = size - len(body) - 40
    while left > 100:
        k = min(60000, left - 4)
        body += '# ' + 'x' * k + '\n'
        left -= k + 3
    return body + TAIL


def measure(restage, command, path):
    r = subprocess.run(['/usr/bin/time', '-f', '%e %M', restage, command, path],
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    seconds, kb = r.stderr.strip().splitlines()[-1].split()
    refused = re.search(r'error: (more than .*limit|file too large.*)', r.stderr)
    return float(seconds), int(kb) * 1024, refused


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('restage')
    ap.add_argument('--size', type=int, default=4 * 1024 * 1024)
    ap.add_argument('--words', type=int, default=25000)
    ap.add_argument('--lines', type=int, default=20000)
    a = ap.parse_args()
    cases = [(name, build(a.size - 64, a.words, h, u, c)) for name, h, u, c in SHAPES]
    cases.append(('one heredoc', heredoc(a.size - 64, a.words)))
    cases.append(('blank lines', blank_lines(a.size - 64, a.lines)))
    print('| input | bytes | command | seconds | peak RSS | RSS / size |')
    print('| --- | ---: | --- | ---: | ---: | ---: |')
    with tempfile.TemporaryDirectory() as tmp:
        for name, text in cases:
            path = os.path.join(tmp, 'Dockerfile')
            with open(path, 'w') as f:
                f.write(text)
            for command in ('parse', 'migrate'):
                seconds, rss, refused = measure(a.restage, command, path)
                if refused:
                    raise SystemExit(f'{name}: refused ({refused.group(1)}); the generator is off')
                print(f'| {name} | {len(text)} | {command} | {seconds:.2f} | {rss / 2**20:.1f} MiB |'
                      f' {rss / len(text):.1f}x |', flush=True)


if __name__ == '__main__':
    main()
