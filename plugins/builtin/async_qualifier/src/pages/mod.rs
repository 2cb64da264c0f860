pub mod score_calculator;
