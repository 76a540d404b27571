// The contract every codemod follows: a pure function over a read-only view of the
// repository that returns new file texts and findings. It never writes, logs or spawns.
export {};
