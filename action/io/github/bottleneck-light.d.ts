// bottleneck ships types for its main entry only; light.js (no Redis clustering) is the same API,
// and the one @octokit/plugin-throttling and @octokit/plugin-retry load.
declare module "bottleneck/light.js" {
  import Bottleneck from "bottleneck";
  export default Bottleneck;
}
