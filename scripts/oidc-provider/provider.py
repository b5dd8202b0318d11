#!/usr/bin/env python3
"""A standard OpenID provider for puzzel-call's browser sign-in tests: django-oauth-toolkit with OpenID
Connect on, in a throwaway sqlite database, on a free port of 127.0.0.1.

It creates the user `agent` (password `agent-password`) and the public PKCE client `puzzel-call` whose
redirect is the loopback address (RFC 8252: any port), prints one JSON line with its base URL, and serves
until its standard input closes (the test that started it has ended).

Beside the provider itself (/o/), a few paths let the tests meet a provider that misbehaves:
  /moved/.well-known/openid-configuration        redirects to the real discovery document
  /moving-token/.well-known/openid-configuration  a document whose token endpoint redirects
  /other-issuer/.well-known/openid-configuration  a document that names another issuer
  /test/counts?field=value...                    how many token requests carried those fields
"""
import json
import os
import shutil
import sys
import tempfile
import threading
from pathlib import Path
from socketserver import ThreadingMixIn
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

import django
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from django.conf import settings

HERE = Path(__file__).resolve().parent
DATABASE = Path(tempfile.mkdtemp(prefix="oidc-provider.")) / "db.sqlite3"
KEY = rsa.generate_private_key(public_exponent=65537, key_size=2048).private_bytes(
    serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
).decode()
TOKEN_REQUESTS = []
TOKEN_REQUESTS_LOCK = threading.Lock()


def record_token_requests(get_response):
    def middleware(request):
        if request.method == "POST" and request.path == "/o/token/":
            with TOKEN_REQUESTS_LOCK:
                TOKEN_REQUESTS.append(request.POST.dict())
        return get_response(request)

    return middleware


settings.configure(
    DEBUG=False,
    ALLOWED_HOSTS=["127.0.0.1", "localhost"],
    SECRET_KEY=os.urandom(32).hex(),
    ROOT_URLCONF=__name__,
    INSTALLED_APPS=[
        "django.contrib.auth",
        "django.contrib.contenttypes",
        "django.contrib.sessions",
        "oauth2_provider",
    ],
    MIDDLEWARE=[
        __name__ + ".record_token_requests",
        "django.contrib.sessions.middleware.SessionMiddleware",
        "django.middleware.csrf.CsrfViewMiddleware",
        "django.contrib.auth.middleware.AuthenticationMiddleware",
    ],
    TEMPLATES=[
        {
            "BACKEND": "django.template.backends.django.DjangoTemplates",
            "DIRS": [str(HERE / "templates")],
            "APP_DIRS": True,
            "OPTIONS": {
                "context_processors": [
                    "django.template.context_processors.request",
                    "django.contrib.auth.context_processors.auth",
                ]
            },
        }
    ],
    DATABASES={"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": str(DATABASE)}},
    LOGIN_URL="/accounts/login/",
    USE_TZ=True,
    DEFAULT_AUTO_FIELD="django.db.models.AutoField",
    # Fast: the password only keeps the test's own throwaway user.
    PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
    OAUTH2_PROVIDER={
        "OIDC_ENABLED": True,
        "OIDC_RSA_PRIVATE_KEY": KEY,
        "PKCE_REQUIRED": True,
        "ALLOWED_REDIRECT_URI_SCHEMES": ["http", "https"],
        "SCOPES": {
            "openid": "OpenID Connect",
            "offline_access": "Stay signed in",
            "contact-centre": "Puzzel Contact Centre",
        },
        "DEFAULT_SCOPES": ["openid"],
        "AUTHORIZATION_CODE_EXPIRE_SECONDS": int(os.environ.get("OIDC_CODE_SECONDS", "60")),
        "ROTATE_REFRESH_TOKEN": True,
    },
)
django.setup()

from django.contrib.auth.models import User  # noqa: E402  (needs django.setup())
from django.contrib.auth.views import LoginView  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.http import HttpResponseRedirect, JsonResponse  # noqa: E402
from django.urls import include, path  # noqa: E402
from django.views.decorators.csrf import csrf_exempt  # noqa: E402
from oauth2_provider.models import Application  # noqa: E402
from oauth2_provider.views import ConnectDiscoveryInfoView  # noqa: E402


def base(request):
    return request.build_absolute_uri("/").rstrip("/")


def discovery(request):
    """DOT's own document, with the revocation endpoint it serves (RFC 7009) named, as providers that offer
    revocation do."""
    document = json.loads(ConnectDiscoveryInfoView.as_view()(request).content)
    document["revocation_endpoint"] = base(request) + "/o/revoke_token/"
    return JsonResponse(document)


def moved_discovery(request):
    return HttpResponseRedirect(base(request) + "/o/.well-known/openid-configuration")


def moving_token_discovery(request):
    document = json.loads(discovery(request).content)
    document["issuer"] = base(request) + "/moving-token"
    document["token_endpoint"] = base(request) + "/moving-token/token/"
    return JsonResponse(document)


@csrf_exempt
def moving_token(request):
    response = HttpResponseRedirect(base(request) + "/o/token/")
    response.status_code = 307
    return response


def other_issuer_discovery(request):
    document = json.loads(discovery(request).content)
    document["issuer"] = "https://id.example.net"
    return JsonResponse(document)


def counts(request):
    """How many token requests carried every field the query names (tests run in parallel: each names its own
    redirect_uri or refresh_token)."""
    wanted = request.GET.dict()
    with TOKEN_REQUESTS_LOCK:
        count = sum(all(sent.get(name) == value for name, value in wanted.items()) for sent in TOKEN_REQUESTS)
    return JsonResponse({"count": count})


urlpatterns = [
    path("o/.well-known/openid-configuration", discovery),
    path("o/", include("oauth2_provider.urls", namespace="oauth2_provider")),
    path("accounts/login/", LoginView.as_view(template_name="login.html")),
    path("moved/.well-known/openid-configuration", moved_discovery),
    path("moving-token/.well-known/openid-configuration", moving_token_discovery),
    path("moving-token/token/", moving_token),
    path("other-issuer/.well-known/openid-configuration", other_issuer_discovery),
    path("test/counts", counts),
]


class QuietHandler(WSGIRequestHandler):
    def log_message(self, *args):
        pass


class ThreadingServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True


def main():
    call_command("migrate", verbosity=0, interactive=False)
    User.objects.create_user("agent", password="agent-password")
    Application.objects.create(
        name="Puzzel Call",
        client_id="puzzel-call",
        client_type=Application.CLIENT_PUBLIC,
        authorization_grant_type=Application.GRANT_AUTHORIZATION_CODE,
        redirect_uris="http://127.0.0.1/",
        algorithm=Application.RS256_ALGORITHM,
        skip_authorization=False,
    )
    from django.core.wsgi import get_wsgi_application

    application = get_wsgi_application()
    one_at_a_time = threading.Lock()

    def serialized(environ, start_response):
        # sqlite takes one writer at a time: parallel tests' requests wait their turn instead of failing.
        with one_at_a_time:
            return list(application(environ, start_response))

    server = make_server("127.0.0.1", 0, serialized, ThreadingServer, QuietHandler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(json.dumps({"url": "http://127.0.0.1:%d" % server.server_port}), flush=True)
    # Until the test that started us ends (or closes our input).
    try:
        sys.stdin.read()
    finally:
        server.shutdown()
        shutil.rmtree(DATABASE.parent, ignore_errors=True)


if __name__ == "__main__":
    main()
