import CNcursesW
import Terminal

public enum CursesBackend {}
