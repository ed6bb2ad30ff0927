"""Which OpenBLAS kernel a Python peer runs on, for the benchmark reports (issue 27: the peer runs with
OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE unset, as its users would run it; older OpenBLAS builds needed them here)."""
import ctypes
import os


def describe():
    """'OpenBLAS kernel SkylakeX (OpenBLAS 0.3.21 ...); OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE unset', or what is set."""
    try:
        lib = ctypes.CDLL("libblas.so.3")  # Debian's BLAS alternative, the one numpy and torch load
        core = lib.openblas_get_corename
        core.restype = ctypes.c_char_p
        config = lib.openblas_get_config
        config.restype = ctypes.c_char_p
        kernel = f"OpenBLAS kernel {core().decode()} ({config().decode()})"
    except (OSError, AttributeError):
        kernel = "BLAS: not OpenBLAS (libblas.so.3 has no openblas_get_corename)"
    names = ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")
    env = ", ".join(f"{k}={os.environ[k]}" for k in names if k in os.environ) or "OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE unset"
    return f"{kernel}; {env}"
