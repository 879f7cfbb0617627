// What the executors print. Nx's logger is console.info/console.error too, but importing @nx/devkit costs
// ≈0.2 s in the process Nx runs a task in: every executor here prints through this module instead.
export const log = {
  info: (message: string): void => console.info(message),
  error: (message: string): void => console.error(message),
};
