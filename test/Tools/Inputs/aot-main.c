/* A C program around an object from accel-compile (see aot.test): fills
 * the inputs deterministically, calls the model, checks the runtime
 * session, and writes inputs and outputs as raw files for comparison. */
#include "model.h"
#include "accel-c/Runtime.h"

#include <stdio.h>
#include <stdlib.h>

static int writeRaw(const char *path, const void *data, size_t size) {
  FILE *f = fopen(path, "wb");
  if (!f || fwrite(data, 1, size, f) != size) {
    fprintf(stderr, "cannot write %s\n", path);
    return 1;
  }
  fclose(f);
  return 0;
}

int main(void) {
  static int8_t a[7 * 33], b[33 * 10], r0[7 * 10];
  static int32_t r1[7 * 10];
  unsigned x = 12345;
  for (size_t i = 0; i < sizeof a; ++i)
    a[i] = (int8_t)((x = x * 1103515245u + 12345u) >> 24);
  for (size_t i = 0; i < sizeof b; ++i)
    b[i] = (int8_t)((x = x * 1103515245u + 12345u) >> 24);
  accel_qmatmul_i8(a, b, r0, r1);
  if (accelSessionGetError()) {
    fprintf(stderr, "launch failed: %s\n", accelSessionGetError());
    return 1;
  }
  printf("launches: %zu\n", accelSessionGetNumLaunches());
  if (accelSessionGetNumLaunches())
    printf("kernel: %s\n", accelSessionGetLaunchKernel(0));
  return writeRaw("arg0.bin", a, sizeof a) || writeRaw("arg1.bin", b, sizeof b) ||
         writeRaw("result0.bin", r0, sizeof r0) ||
         writeRaw("result1.bin", r1, sizeof r1);
}
