public enum TerminalToolkit {}
