#!/usr/bin/env python3
"""html-check.py PAGE.html: the page is well-formed HTML (every element
closed in order, void elements aside, one <main>), refers to nothing on the
network (no http:// or https://, no src= or href= outside the page except a
download's blob), and labels each input.  Exits 1 naming the first fault."""
import re
import sys
from html.parser import HTMLParser

VOID = {'area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link',
        'meta', 'source', 'track', 'wbr'}


class Checker(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.faults, self.ids, self.labels = [], [], set(), set()
        self.inputs, self.count = [], {}

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.count[tag] = self.count.get(tag, 0) + 1
        for k in ('src', 'href', 'action', 'xlink:href'):
            v = a.get(k)
            if v is not None and not (v.startswith('#') or v == ''):
                self.faults.append('%s="%s" on <%s> refers outside the page'
                                   % (k, v, tag))
        if 'id' in a:
            if a['id'] in self.ids:
                self.faults.append('id "%s" twice' % a['id'])
            self.ids.add(a['id'])
        if tag == 'label' and 'for' in a:
            self.labels.add(a['for'])
        if tag == 'input':
            self.inputs.append(a.get('id'))
        if tag not in VOID:
            self.stack.append((tag, self.getpos()))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.stack.pop()

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not self.stack or self.stack[-1][0] != tag:
            self.faults.append('</%s> at line %d closes %s' % (
                tag, self.getpos()[0],
                '<%s> of line %d' % (self.stack[-1][0], self.stack[-1][1][0])
                if self.stack else 'nothing'))
            return
        self.stack.pop()


def main(path):
    text = open(path, encoding='utf-8').read()
    c = Checker()
    c.feed(text)
    c.close()
    faults = c.faults
    if c.stack:
        faults.append('<%s> of line %d never closed' % (c.stack[-1][0],
                                                        c.stack[-1][1][0]))
    if not text.startswith('<!DOCTYPE html>'):
        faults.append('no <!DOCTYPE html>')
    m = re.search(r'https?://', text)
    if m:
        faults.append('a network reference: %s' % text[m.start():m.start() + 60])
    if c.count.get('main') != 1:
        faults.append('%d <main>, not one' % c.count.get('main', 0))
    for i in c.inputs:
        if not i or i not in c.labels:
            faults.append('input %s has no <label for>' % i)
    for f in faults[:5]:
        print('# %s: %s' % (path, f))
    return 1 if faults else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1]))
