from django.apps import AppConfig


class BenchConfig(AppConfig):
    """`make bench`'s own command (seed_bench), kept out of the application."""

    name = "bench"
    verbose_name = "Benchmark"
