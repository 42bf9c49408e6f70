import java.util.Random;

public final class TokenService {
    private final Random random = new Random();

    public String newInviteToken() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 24; i++) {
            sb.append(Integer.toHexString(random.nextInt(16)));
        }
        return sb.toString();
    }
}
