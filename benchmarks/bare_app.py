"""The baseline: a bare Textual app (header, one line, footer)."""

from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Static


class BareApp(App[None]):
    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("bare-ready")
        yield Footer()


if __name__ == "__main__":
    BareApp().run()
