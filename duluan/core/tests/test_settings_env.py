from django.conf import settings


def test_tests_run_without_https_redirects() -> None:
    assert settings.SECURE_SSL_REDIRECT is False
    assert settings.LANGUAGE_CODE == "vi"
    assert settings.TIME_ZONE == "Asia/Ho_Chi_Minh"
