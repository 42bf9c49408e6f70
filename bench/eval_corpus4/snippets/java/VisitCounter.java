package stats;

public class VisitCounter {
    private int visits;

    public void startWorkers(int n) throws InterruptedException {
        Thread[] workers = new Thread[n];
        for (int i = 0; i < n; i++) {
            workers[i] = new Thread(() -> {
                for (int j = 0; j < 1000; j++) {
                    visits++;
                }
            });
            workers[i].start();
        }
        for (Thread t : workers) {
            t.join();
        }
    }

    public int visits() {
        return visits;
    }
}
