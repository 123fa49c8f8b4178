// Command vsguard-vcsim serves a simulated vCenter (govmomi's vcsim) built from a vsguard
// Inventory JSON file, so that the vim25 client can be tested against an independent peer.
//
// Usage: vsguard-vcsim --inventory FILE.json [--listen 127.0.0.1:0] [--tls] [--page-size N]
//
//	[--task-queued 200ms] [--task-running 2s] [--network-rollback=false]
//
// Environment: VSGUARD_VCSIM_REJECT_PASSWORD=P answers InvalidLogin to a Login with password P.
//
// Besides reading, it models the writes of a host-by-host distributed switch migration and the
// way vCenter failed in 2016 (README.md, "Write methods" and "Fault model"); /vsguard/ is its
// control endpoint and call log (control.go).
//
// Mapping inventory field -> vim25 property (managed-object ids are vcsim's own):
//
//	source.instanceUuid            ServiceContent.about.instanceUuid
//	source.apiVersion              ServiceContent.about.apiVersion (about.version = "6.0.0" form)
//	datacenters[].name             Datacenter.name (child of the root folder)
//	clusters[].name                ClusterComputeResource.name (datacenter hostFolder)
//	clusters[].drsEnabled          ClusterComputeResource.configurationEx.drsConfig.enabled (also configuration.drsConfig)
//	clusters[].haEnabled           .configurationEx.dasConfig.enabled
//	clusters[].haHostFailuresTolerated
//	                               .configurationEx.dasConfig.admissionControlPolicy
//	                               = ClusterFailoverLevelAdmissionControlPolicy{failoverLevel}
//	                               (also dasConfig.failoverLevel; admissionControlEnabled = value > 0)
//	clusters[].hosts               ClusterComputeResource.host / HostSystem.parent
//	hosts[].name                   HostSystem.name, summary.config.name
//	hosts[].cluster                HostSystem.parent = the cluster; empty/null: a standalone ComputeResource
//	hosts[].version / build        HostSystem.config.product.version/build and summary.config.product.version/build
//	hosts[].connectionState        HostSystem.runtime.connectionState (= summary.runtime)
//	hosts[].maintenanceMode        HostSystem.runtime.inMaintenanceMode
//	hosts[].pnics[]                HostSystem.config.network.pnic[].device (key "key-vim.host.PhysicalNic-<dev>")
//	hosts[].standardSwitches[]     config.network.vswitch[]: name, pnic (pnic keys), spec.bridge
//	                               HostVirtualSwitchBondBridge.nicDevice, portgroup (portgroup keys);
//	                               config.network.portgroup[].spec{name,vswitchName}
//	hosts[].vmkernels[].device     config.network.vnic[].device (key "key-vim.host.VirtualNic-<dev>")
//	hosts[].vmkernels[].switch/portgroup
//	                               standard switch: vnic.portgroup = vnic.spec.portgroup = portgroup name;
//	                               distributed: vnic.spec.distributedVirtualPort
//	                               {switchUuid, portgroupKey, portKey}, vnic.portgroup empty
//	hosts[].vmkernels[].services   config.virtualNicManagerInfo.netConfig[nicType].selectedVnic
//	                               ("<nicType>.key-vim.host.VirtualNic-<dev>", candidateVnic has every vnic):
//	                               management->management, vmotion->vmotion, vsan->vsan,
//	                               ft->faultToleranceLogging, provisioning->vSphereProvisioning,
//	                               replication->vSphereReplication (vmotion also in config.vmotion)
//	hosts[].vmCount / vms          HostSystem.vm: powered-on VirtualMachines (the appliance VM included),
//	                               named by vms when given (len(vms) = vmCount), else generated names
//	distributedSwitches[]          VmwareDistributedVirtualSwitch (datacenter networkFolder); ask for the
//	                               base type DistributedVirtualSwitch and fetch "config" whole
//	  .name / .uuid                name, uuid, summary.uuid, config.uuid
//	  .version                     config.productInfo.version, summary.productInfo.version
//	  .mtu                         config.maxMtu (mandatory; 1500 when the fixture has none)
//	  .uplinks                     config.uplinkPortPolicy = DVSNameArrayUplinkPortPolicy.uplinkPortName
//	  .lacp.apiVersion             config.lacpApiVersion (VMwareDVSConfigInfo); null lacp: absent
//	  .lacp.lags[]                 config.lacpGroupConfig[]: name, mode, uplinkNum (= uplinkCount),
//	                               loadbalanceAlgorithm (= loadBalancing), uplinkName (lag1-0, lag1-1, ...)
//	  .members[].host              config.host[].config.host (also summary.hostMember)
//	  .members[].pnics[]           config.host[].config.backing = DistributedVirtualSwitchHostMemberPnicBacking
//	                               .pnicSpec[]{pnicDevice, uplinkPortKey, uplinkPortgroupKey};
//	                               the uplink name of a port key: HostSystem.config.network.proxySwitch[]
//	                               .uplinkPort (key = port key, value = uplink or LAG port name, all of them)
//	                               and .hostLag[].uplinkPort for LAG ports; proxySwitch.pnic lists pnic keys,
//	                               proxySwitch.spec.backing repeats the pnic backing
//	  .portgroups[].name           DistributedVirtualPortgroup.name, config.name
//	  .portgroups[].key            config.key (= the portgroup's moid, as on vCenter; differs from the fixture)
//	  .portgroups[].vlan           config.defaultPortConfig (VMwareDVSPortSetting).vlan =
//	                               VmwareDistributedVirtualSwitchVlanIdSpec.vlanId (0: no VLAN); null vlan:
//	                               VmwareDistributedVirtualSwitchTrunkVlanSpec 0-4094 (vCenter's uplink portgroups)
//	  .portgroups[].uplinkPortgroup
//	                               switch config.uplinkPortgroup contains it; config.uplink = true;
//	                               tag SYSTEM/DVS.UPLINKPG
//	  .portgroups[].teaming        defaultPortConfig.uplinkTeamingPolicy.policy.value and
//	                               .uplinkPortOrder.activeUplinkPort / standbyUplinkPort
//	                               (null teaming: no uplinkTeamingPolicy, which vim25 makes optional)
//	  .portgroups[].lacp           defaultPortConfig.lacpPolicy.enable.value / mode.value (null: absent)
//	vcenter.vmName / host          VirtualMachine.name on HostSystem (runtime.host) vcenter.host;
//	                               summary.config.product.name "VMware vCenter Server Appliance";
//	                               guest.ipAddress / hostName = the harness's listen address
//
// Not mapped: capturedAt, source.type/url, the fixture's managed-object ids.
package main

import (
	"crypto/sha256"
	"crypto/tls"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"io/ioutil"
	"log"
	"net"
	"net/url"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"
)

func main() {
	os.Exit(run())
}

func run() int {
	flags := flag.NewFlagSet("vsguard-vcsim", flag.ContinueOnError)
	inventoryPath := flags.String("inventory", "", "vsguard Inventory JSON file to serve (required)")
	listen := flags.String("listen", "127.0.0.1:0", "address to listen on")
	useTLS := flags.Bool("tls", false, "serve HTTPS with a generated self-signed certificate")
	flags.IntVar(&pageSize, "page-size", 100, "largest number of objects in one RetrievePropertiesEx page")
	ignoreStdin := flags.Bool("ignore-stdin", false, "keep serving after stdin closes (stop with SIGTERM)")
	verbose := flags.Bool("verbose", false, "keep vcsim's own log on stderr")
	var opts options
	flags.DurationVar(&opts.taskQueued, "task-queued", 200*time.Millisecond, "how long a task stays queued")
	flags.DurationVar(&opts.taskRunning, "task-running", 2*time.Second, "how long a task runs before its work is done")
	flags.BoolVar(&opts.rollback, "network-rollback", true, "vCenter's network rollback (config.vpxd.network.rollback)")
	if err := flags.Parse(os.Args[1:]); err != nil {
		return 2
	}
	if *inventoryPath == "" || flags.NArg() > 0 || pageSize < 1 ||
		opts.taskQueued < 0 || opts.taskQueued > maxTaskTime || opts.taskRunning < 0 || opts.taskRunning > maxTaskTime {
		fmt.Fprintln(os.Stderr, "usage: vsguard-vcsim --inventory FILE.json [--listen 127.0.0.1:0] [--tls] [--page-size N]"+
			" [--task-queued 0..10m] [--task-running 0..10m] [--network-rollback=false]")
		return 2
	}
	if !*verbose {
		log.SetOutput(ioutil.Discard)
	}
	inv, err := loadInventory(*inventoryPath)
	if err != nil {
		fmt.Fprintln(os.Stderr, "vsguard-vcsim:", err)
		return 2
	}
	model, w, err := buildWorld(inv, opts)
	if err != nil {
		fmt.Fprintf(os.Stderr, "vsguard-vcsim: %s: %v\n", *inventoryPath, err)
		return 3
	}
	defer model.Remove()

	model.Service.Listen = &url.URL{Host: *listen}
	if *useTLS {
		model.Service.TLS = new(tls.Config)
	}
	calls := newCallLog()
	model.Service.HandleFunc("/vsguard/", w.controlHandler(calls))
	server := model.Service.NewServer()
	defer server.Close()
	// The password to refuse comes from the environment: even a test password stays out of
	// the process list. Set before the ready line is printed: no request has been served yet.
	handler := server.Config.Handler
	if rejected := os.Getenv(rejectPasswordEnv); rejected != "" {
		handler = rejectingLogin(handler, rejected)
	}
	server.Config.Handler = recording(handler, calls)

	host, _, _ := net.SplitHostPort(server.URL.Host)
	w.placeVCenter(host)

	thumbprint := ""
	if *useTLS {
		thumbprint = sha256Thumbprint(server.Certificate().Raw)
	}
	line, _ := json.Marshal(struct {
		URL        string `json:"url"`
		Thumbprint string `json:"thumbprint"`
		Hosts      int    `json:"hosts"`
	}{
		URL:        fmt.Sprintf("%s://%s%s", server.URL.Scheme, server.URL.Host, server.URL.Path),
		Thumbprint: thumbprint,
		Hosts:      len(inv.Hosts),
	})
	fmt.Println(string(line))

	// Serve until the parent goes away (stdin closes) or asks us to stop, so a test JVM that
	// dies does not leave a simulator behind.
	done := make(chan struct{}, 2)
	signals := make(chan os.Signal, 1)
	signal.Notify(signals, syscall.SIGTERM, syscall.SIGINT)
	go func() {
		<-signals
		done <- struct{}{}
	}()
	if !*ignoreStdin {
		go func() {
			_, _ = io.Copy(io.Discard, os.Stdin)
			done <- struct{}{}
		}()
	}
	<-done
	return 0
}

// sha256Thumbprint formats a certificate fingerprint as vSphere shows it: AA:BB:...
func sha256Thumbprint(der []byte) string {
	sum := sha256.Sum256(der)
	parts := make([]string, len(sum))
	for i, b := range sum {
		parts[i] = fmt.Sprintf("%02X", b)
	}
	return strings.Join(parts, ":")
}
