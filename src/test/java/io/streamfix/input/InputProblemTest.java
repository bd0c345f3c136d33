package io.streamfix.input;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InputProblemTest {

    @Test
    void formatsLikeACompilerMessage() {
        InputProblem problem = new InputProblem("facts/x.yaml", 7, 8, "network.dns",
                "\"automatc\" is not one of automatic, manual — did you mean automatic?");

        assertThat(problem.format()).isEqualTo("facts/x.yaml:7:8: network.dns: \"automatc\" is not one of"
                + " automatic, manual — did you mean automatic?");
        assertThat(problem).hasToString(problem.format());
    }

    @Test
    void leavesOutWhatIsUnknown() {
        assertThat(new InputProblem("<request>", 0, 0, "device.type", "bad").format())
                .isEqualTo("<request>: device.type: bad");
        assertThat(new InputProblem("x.yaml", 3, 0, "", "bad").format()).isEqualTo("x.yaml:3: bad");
    }
}
