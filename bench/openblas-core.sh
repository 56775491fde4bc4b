#!/bin/sh
# Prints the OpenBLAS kernel family this CPU runs best, for OPENBLAS_CORETYPE: SkylakeX where the
# AVX-512 subsets those kernels use are present, Haswell where AVX2 and FMA are, nothing otherwise.
# OpenBLAS picks its kernels from the CPU's model number, and the builds that ND4J and Debian ship
# predate recent models (AMD Zen 5 among them): there they fall back to kernels a few times slower.
flags=$(grep -m1 '^flags' /proc/cpuinfo 2>/dev/null)
has() { case " $flags " in *" $1 "*) return 0 ;; *) return 1 ;; esac; }
if has avx512f && has avx512dq && has avx512cd && has avx512bw && has avx512vl; then
  echo SkylakeX
elif has avx2 && has fma; then
  echo Haswell
fi
