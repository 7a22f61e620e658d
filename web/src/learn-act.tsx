// Learn and Act: short explanations in our own words, each with the sources to read further, and how
// the page computes (the method and defaults, read from the dataset).
import type { ComponentChildren } from "preact";
import { sig3 } from "../../src/core/format-number.ts";
import { ExternalLink as Cite } from "./external-link.tsx";
import { useData } from "./page-data.ts";
import { PROJECT_URL } from "./project.ts";

const Topic = ({ title, id, children }: { title: string; id?: string; children: ComponentChildren }) => (
  <article class="topic" id={id}>
    <h3>{title}</h3>
    {children}
  </article>
);

const percent = (share: number) => `${sig3(share * 100)} %`;

/** The method in short, with the defaults the engine uses when an input is not given. */
const Method = () => {
  const { defaults } = useData().dataset;
  return (
    <Topic title="How it is computed" id="method">
      <p>
        Power per device is idle + (TDP − idle) × utilization; without a utilization the device is taken at{" "}
        {percent(defaults.defaultUtilization.value)} of its TDP for the whole run, as the 2019 calculator did,
        and the low end of the range at {percent(defaults.lowUtilization.value)}. Where no idle power is
        published it is estimated at {percent(defaults.idleFractionByKind.gpu.value)} of TDP for accelerators
        and {percent(defaults.idleFractionByKind.cpu.value)} for CPUs. Energy = power × hours, times the
        facility's PUE: the region's or provider's published figure, else the industry average,{" "}
        {defaults.unknownFacilityPue.value}, for an unknown facility, with the range from{" "}
        {defaults.unknownFacilityPue.range?.low ?? defaults.unknownFacilityPue.value} (an efficient facility)
        to {defaults.unknownFacilityPue.range?.high ?? defaults.unknownFacilityPueHigh.value}. Emissions =
        that energy × the yearly average intensity of the grid zone the data centre draws from (Electricity
        Maps); the range spans the zone's yearly figures. Where a provider publishes its own grid figure it is
        shown for comparison, and the zone's figure is used so every region is counted the same way. The
        market-based figure applies the provider's renewable contracts and is shown beside, never subtracted.
        The full method, with every constant and its source, is in the{" "}
        <Cite href={PROJECT_URL}>project's documentation</Cite>.
      </p>
    </Topic>
  );
};

/** What the numbers mean. */
export const Learn = () => (
  <div class="topics">
    <Method />
    <Topic title="CO2 and CO2eq">
      <p>
        Burning coal, gas and oil releases carbon dioxide, the gas behind most of today's warming. Power
        plants and their supply chains also release methane and nitrous oxide; each is converted into the
        amount of CO2 that would warm the planet as much over 100 years and added up as CO2-equivalent
        (CO2eq). <Cite href="https://www.ipcc.ch/report/ar6/wg1/chapter/chapter-7/">IPCC AR6 WG1, ch. 7</Cite>
        .
      </p>
    </Topic>
    <Topic title="Grid intensity: why location matters">
      <p>
        A grid's carbon intensity is the CO2eq emitted per kWh delivered, averaged over its power plants.
        Grids fed by hydro, nuclear or wind run at a few tens of grams per kWh; coal-heavy grids at 600–800.
        The same training job can emit twenty times more in one region than in another, which is why this page
        asks where it ran first.{" "}
        <Cite href="https://www.electricitymaps.com/methodology">Electricity Maps methodology</Cite>,{" "}
        <Cite href="https://ember-energy.org/data/yearly-electricity-data/">Ember yearly data</Cite>.
      </p>
    </Topic>
    <Topic title="PUE">
      <p>
        Power usage effectiveness is the facility's total energy divided by the energy reaching the computers:
        cooling, power conversion and lighting come on top. Large cloud providers report about 1.1; the
        industry average is about 1.56. We multiply the devices' energy by it.{" "}
        <Cite href="https://www.thegreengrid.org/en/resources/library-and-tools/20-PUE%3A-A-Comprehensive-Examination-of-the-Metric">
          The Green Grid
        </Cite>
        ,{" "}
        <Cite href="https://uptimeinstitute.com/resources/research-and-reports/uptime-institute-global-data-center-survey-results-2024">
          Uptime Institute 2024
        </Cite>
        .
      </p>
    </Topic>
    <Topic title="Renewable energy">
      <p>
        Wind, solar, hydro (and nuclear, which is low-carbon but not renewable) emit almost nothing while
        running; their life-cycle emissions, from building the plants, are a few to a few tens of grams per
        kWh, against roughly 820 for coal. The intensities used here are life-cycle figures.{" "}
        <Cite href="https://www.ipcc.ch/report/ar5/wg3/">IPCC AR5 WG3, Annex III</Cite>.
      </p>
    </Topic>
    <Topic title="Offsets and RECs">
      <p>
        An offset pays for a reduction or removal of CO2 somewhere else; a renewable energy certificate (REC)
        records that a MWh of renewable power was produced somewhere on the grid. Neither changes what the
        grid your job used emitted, and offsets vary widely in quality. We show them beside the emissions,
        never subtracted.{" "}
        <Cite href="https://ghgprotocol.org/scope-2-guidance">GHG Protocol Scope 2 Guidance</Cite>.
      </p>
    </Topic>
    <Topic title="Location-based and market-based">
      <p>
        Location-based accounting multiplies energy by the average intensity of the grid where it was used:
        what physically happened. Market-based accounting applies the contracts a company bought (RECs, power
        purchase agreements). The GHG Protocol asks for both; the Software Carbon Intensity standard excludes
        offsets and market-based reductions from the score. Our headline is location-based.{" "}
        <Cite href="https://ghgprotocol.org/scope-2-guidance">GHG Protocol</Cite>,{" "}
        <Cite href="https://sci.greensoftware.foundation/">SCI (ISO/IEC 21031:2024)</Cite>.
      </p>
    </Topic>
    <Topic title="Embodied emissions">
      <p>
        Making chips, boards and servers emits CO2 too. Spread over a device's life, it adds a sizeable share:
        for BLOOM, 11.2 t of its 50.5 t came from manufacturing the hardware. The headline counts electricity
        only; <em>Include embodied emissions</em> (under Advanced) adds the job's share of its hardware's
        manufacture as its own figure, with the total of both beside it.{" "}
        <Cite href="https://arxiv.org/abs/2211.02001">Luccioni et al. 2022</Cite>.
      </p>
    </Topic>
  </div>
);

/** What to do about it. */
export const Act = () => (
  <div class="topics">
    <Topic title="Pick the region and the provider">
      <p>
        The biggest lever you have. Compare regions in the chart above before you launch, and prefer providers
        that publish per-region grid data and their PUE.{" "}
        <Cite href="https://arxiv.org/abs/1910.09700">Lacoste et al. 2019</Cite>,{" "}
        <Cite href="https://arxiv.org/abs/2206.05229">Dodge et al. 2022</Cite>.
      </p>
    </Topic>
    <Topic title="Use efficient hardware and mixed precision">
      <p>
        Recent accelerators do far more work per joule than older ones, and 16-bit or 8-bit arithmetic (with
        fp32 master weights) cuts time and memory traffic with no loss of accuracy for most models.{" "}
        <Cite href="https://arxiv.org/abs/1710.03740">Micikevicius et al. 2018</Cite>,{" "}
        <Cite href="https://arxiv.org/abs/2104.10350">Patterson et al. 2021</Cite>.
      </p>
    </Topic>
    <Topic title="Don't grid-search">
      <p>
        Random search finds hyperparameters as good as a grid in far fewer trials, and Bayesian or bandit
        methods do better still.{" "}
        <Cite href="https://jmlr.org/papers/v13/bergstra12a.html">Bergstra &amp; Bengio 2012</Cite>.
      </p>
    </Topic>
    <Topic title="Stop runs early">
      <p>
        Most trials of a sweep can be stopped after a few epochs: early stopping and successive halving spend
        the budget on the runs that look promising.{" "}
        <Cite href="https://jmlr.org/papers/v18/16-558.html">Li et al. 2018 (Hyperband)</Cite>.
      </p>
    </Topic>
    <Topic title="Schedule when the grid is clean">
      <p>
        A grid's intensity changes hour by hour with the sun, the wind and demand. Jobs that can wait or pause
        can run when it is low, which cuts emissions without changing anything else.{" "}
        <Cite href="https://arxiv.org/abs/2206.05229">Dodge et al. 2022</Cite>,{" "}
        <Cite href="https://github.com/Green-Software-Foundation/carbon-aware-sdk">Carbon Aware SDK</Cite>.
      </p>
    </Topic>
    <Topic title="Report your emissions">
      <p>
        Publish the energy and emissions with the inputs behind them: hardware, hours, place, PUE and sources.
        The Publish section above gives you a paragraph, a table and a model-card block.{" "}
        <Cite href="https://jmlr.org/papers/v21/20-312.html">Henderson et al. 2020</Cite>.
      </p>
    </Topic>
  </div>
);
