// Loaded into the app's process by the benchmark (node -r), never by the app itself: reports
// the process's memory to the benchmark over the IPC channel every 20 ms.
if (process.send) {
  const report = (): void => {
    if (process.connected) process.send!({ memory: process.memoryUsage() });
  };
  setInterval(report, 20).unref();
}
