#!/usr/bin/env python3
"""A stand-in for the agent's browser, declared as `xdg-open` on a test's PATH: it opens the address it is
given and follows the provider's pages as a person would — signs in as `agent`, then allows (or declines)
on the consent page — and brings the provider's answer back to puzzel-call's loopback listener.

STANDIN_BROWSER_MODE says what the person does:
  consent      sign in and allow (the default)
  deny         sign in and decline
  wrong-state  bring back an answer whose state was changed
  twice        bring the answer back, then again
  late         wait STANDIN_BROWSER_DELAY seconds before bringing the answer back
  broken       no browser at all: exit 3, as xdg-open does when it finds none
What it saw is appended to STANDIN_BROWSER_LOG, one JSON object a line.
"""
import http.cookiejar
import json
import os
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from html.parser import HTMLParser


class Forms(HTMLParser):
    def __init__(self):
        super().__init__()
        self.forms = []

    def handle_starttag(self, tag, attributes):
        attributes = dict(attributes)
        if tag == "form":
            self.forms.append({"action": attributes.get("action") or "", "fields": []})
        elif tag == "input" and self.forms and attributes.get("name"):
            self.forms[-1]["fields"].append((attributes.get("type", "text"), attributes["name"], attributes.get("value") or ""))


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def log(entry):
    path = os.environ.get("STANDIN_BROWSER_LOG")
    if path:
        with open(path, "a") as file:
            file.write(json.dumps(entry) + "\n")


def main():
    mode = os.environ.get("STANDIN_BROWSER_MODE", "consent")
    address = sys.argv[1]
    log({"opened": address})
    if mode == "broken":
        print("xdg-open: no method available for opening '%s'" % address, file=sys.stderr)
        return 3
    redirect_uri = urllib.parse.parse_qs(urllib.parse.urlsplit(address).query)["redirect_uri"][0]
    cookies = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(cookies), NoRedirect)

    def fetch(url, form=None):
        """Follows redirects within the provider; stops at one to the listener and returns its address."""
        data = urllib.parse.urlencode(form).encode() if form is not None else None
        while True:
            request = urllib.request.Request(url, data=data, headers={"Referer": url})
            try:
                response = opener.open(request, timeout=30)
                return url, response.read().decode()
            except urllib.error.HTTPError as error:
                if error.code not in (301, 302, 303, 307, 308):
                    raise
                url = urllib.parse.urljoin(url, error.headers["Location"])
                data = None
                if url.startswith(redirect_uri):
                    return url, None

    def submit(page_url, page, choose):
        parser = Forms()
        parser.feed(page)
        form = parser.forms[0]
        overrides = dict(choose(form))
        fields = [(name, overrides.pop(name, value)) for kind, name, value in form["fields"] if kind != "submit"]
        fields += list(overrides.items())
        return fetch(urllib.parse.urljoin(page_url, form["action"]), fields)

    url, page = fetch(address)
    if page is not None and 'name="password"' in page:
        url, page = submit(url, page, lambda form: [("username", "agent"), ("password", "agent-password")])
    if page is not None and 'name="allow"' in page:
        allow = mode != "deny"
        url, page = submit(url, page, lambda form: [("allow", "Authorize")] if allow else [])
    if page is not None:
        log({"stuck": url})
        return 0
    answer = url
    log({"answer": answer})
    if mode == "wrong-state":
        parts = urllib.parse.urlsplit(answer)
        query = [(n, v + "x" if n == "state" else v) for n, v in urllib.parse.parse_qsl(parts.query)]
        answer = urllib.parse.urlunsplit(parts._replace(query=urllib.parse.urlencode(query)))
    if mode == "late":
        time.sleep(float(os.environ.get("STANDIN_BROWSER_DELAY", "2")))
    for attempt in range(2 if mode == "twice" else 1):
        try:
            with urllib.request.urlopen(answer, timeout=30) as response:
                log({"listener": response.status, "page": response.read().decode()})
        except (urllib.error.URLError, ConnectionError) as error:
            log({"listener": "refused", "error": str(error)})
    return 0


if __name__ == "__main__":
    sys.exit(main())
