from tests.lab.fixtures import lab  # noqa: F401  (a pytest fixture)
