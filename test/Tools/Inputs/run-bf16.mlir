// A small bf16 model that bf16-128x128 can run: relu(x @ w).
func.func @main(%x: tensor<4x8xbf16>, %w: tensor<8x3xbf16>) -> tensor<4x3xbf16> {
  %0 = accel.matmul %x, %w acc(f32) : tensor<4x8xbf16>, tensor<8x3xbf16> -> tensor<4x3xbf16>
  %1 = accel.relu %0 : tensor<4x3xbf16>
  return %1 : tensor<4x3xbf16>
}
