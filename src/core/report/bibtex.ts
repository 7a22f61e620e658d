/** BibTeX key of the 2019 paper that introduced the Machine Learning Emissions Calculator. */
export const LACOSTE_2019_KEY = "lacoste2019quantifying";

/** BibTeX key of mlco2. */
export const MLCO2_KEY = "mlco2";

/** BibTeX entry for Lacoste et al. (2019), arXiv:1910.09700. */
export const LACOSTE_2019_BIBTEX = `@article{${LACOSTE_2019_KEY},
  title={Quantifying the Carbon Emissions of Machine Learning},
  author={Lacoste, Alexandre and Luccioni, Alexandra and Schmidt, Victor and Dandres, Thomas},
  journal={arXiv preprint arXiv:1910.09700},
  year={2019}
}`;

/** BibTeX entry for mlco2 itself (`@misc`, which every BibTeX style accepts). */
export const MLCO2_BIBTEX = `@misc{${MLCO2_KEY},
  title={mlco2: Estimating the Carbon Emissions of Machine Learning, Every Number Sourced},
  author={{The mlco2 contributors}},
  note={Software toolkit},
  year={2026}
}`;
